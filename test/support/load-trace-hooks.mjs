// Loader hooks of load-trace.mjs (they run on the loader thread): report each loaded URL.
let port;

export function initialize(data) {
  port = data.port;
}

export async function load(url, context, nextLoad) {
  port.postMessage(url);
  return nextLoad(url, context);
}
