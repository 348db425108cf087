export interface FigureProps {
  /** Inlined as a data URL by the content compiler from a file beside the lesson. */
  src: string;
  alt: string;
  caption?: string;
  width?: number;
}

export function Figure({ src, alt, caption, width }: FigureProps) {
  return (
    <figure className="figure">
      {/* Lesson images are data URLs produced at build time; next/image would add nothing here. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={src} alt={alt} width={width} style={width ? { width } : undefined} />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}
