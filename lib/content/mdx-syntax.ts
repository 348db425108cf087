/**
 * Reading MDX as the lesson compiler (./compile.ts) sees it: JSX elements and their attributes in the mdast tree,
 * attribute values written as literals, and where in the file esbuild's MDX errors really are.
 */

export interface EstreeNode {
  type: string;
  [key: string]: unknown;
}
export interface MdxJsxAttribute {
  type: "mdxJsxAttribute";
  name: string;
  value?: string | null | { type: string; value: string; data?: { estree?: { body: EstreeNode[] } } };
}
export interface MdxJsxElement {
  type: "mdxJsxFlowElement" | "mdxJsxTextElement";
  name: string | null;
  attributes: (MdxJsxAttribute | { type: "mdxJsxExpressionAttribute" })[];
  children: unknown[];
  position?: { start: { line: number; column: number } };
}

export const NOT_LITERAL = Symbol("not a literal");

/** The value of a JSX attribute written as a literal (`"x"`, `{3}`, `{["a", "b"]}`, `{`…`}`), else NOT_LITERAL. */
export function literal(attr: MdxJsxAttribute | undefined): unknown {
  if (!attr) return undefined;
  if (attr.value === null || attr.value === undefined) return true; // <X flag />
  if (typeof attr.value === "string") return attr.value;
  const statement = attr.value.data?.estree?.body[0];
  return statement?.type === "ExpressionStatement" ? evaluate(statement.expression as EstreeNode) : NOT_LITERAL;
}

function evaluate(node: EstreeNode): unknown {
  switch (node.type) {
    case "Literal":
      return node.value;
    case "TemplateLiteral": {
      const quasis = node.quasis as { value: { cooked: string } }[];
      return (node.expressions as unknown[]).length === 0 ? quasis[0]!.value.cooked : NOT_LITERAL;
    }
    case "ArrayExpression": {
      const items = (node.elements as EstreeNode[]).map((e) => (e ? evaluate(e) : NOT_LITERAL));
      return items.includes(NOT_LITERAL) ? NOT_LITERAL : items;
    }
    case "UnaryExpression": {
      const inner = evaluate(node.argument as EstreeNode);
      return node.operator === "-" && typeof inner === "number" ? -inner : NOT_LITERAL;
    }
    default:
      return NOT_LITERAL;
  }
}

export const attribute = (el: MdxJsxElement, name: string) =>
  el.attributes.find((a): a is MdxJsxAttribute => a.type === "mdxJsxAttribute" && a.name === name);
export const setAttribute = (el: MdxJsxElement, name: string, value: string) => {
  el.attributes = el.attributes.filter((a) => !(a.type === "mdxJsxAttribute" && a.name === name));
  el.attributes.push({ type: "mdxJsxAttribute", name, value });
};
export const removeAttribute = (el: MdxJsxElement, name: string) => {
  el.attributes = el.attributes.filter((a) => !(a.type === "mdxJsxAttribute" && a.name === name));
};

export interface EsbuildLikeError {
  errors?: {
    text: string;
    location?: { file?: string; line?: number; column?: number } | null;
    detail?: { cause?: { reason?: string; line?: number; column?: number } };
  }[];
}

/** esbuild reports MDX parse errors at 0:0 and keeps the real place in the cause, e.g. "... (7:1-7:10)". */
export function locate(error: NonNullable<EsbuildLikeError["errors"]>[number]): { line?: number; column?: number; text: string } {
  const cause = error.detail?.cause;
  if (cause?.reason) {
    const m = /\((\d+):(\d+)(?:-\d+:\d+)?\)\s*$/.exec(cause.reason);
    if (m) return { line: Number(m[1]), column: Number(m[2]), text: cause.reason.replace(m[0], "").trim() };
    if (cause.line) return { line: cause.line, column: cause.column, text: cause.reason };
  }
  const line = error.location?.line || undefined;
  return { line, column: line ? (error.location?.column ?? undefined) : undefined, text: error.text };
}
