/** Every .py file under lib/python/py, bundled into the worker by scripts/build-runtime.mjs (path → source). */
declare module "virtual:py-files" {
  const files: Record<string, string>;
  export default files;
}
