// Lets a benchmark import route modules outside the Remix compiler: a stylesheet
// import becomes its URL, as the compiler would make it.
export async function load(url, context, nextLoad) {
  if (url.endsWith(".css")) return { format: "module", source: `export default ${JSON.stringify(url)};`, shortCircuit: true };
  return nextLoad(url, context);
}
