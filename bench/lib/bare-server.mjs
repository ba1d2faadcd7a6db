/**
 * The bare limit: Fastify with no plugins, each route sending bytes prepared before the first
 * request. Whatever the BFF spends beyond this is its own overhead. It also serves the AG Grid
 * page's built files, read into memory the same way.
 *
 * Usage: node bare-server.mjs '{"routes":{"/path":{"file":"…","type":"…","encoding"?:"gzip"}},"staticRoot":"…"}'
 */
import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative } from "node:path";
import Fastify from "fastify";

const { routes = {}, staticRoot } = JSON.parse(process.argv[2] ?? "{}");
const app = Fastify({ logger: false, bodyLimit: 1024 });

for (const [path, { file, type, encoding }] of Object.entries(routes)) {
  const body = await readFile(file);
  app.get(path, (_request, reply) => {
    if (encoding) reply.header("content-encoding", encoding);
    return reply.type(type).send(body);
  });
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

if (staticRoot) {
  for (const file of await listFiles(staticRoot)) {
    const body = await readFile(file);
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    const url = `/${relative(staticRoot, file).split("\\").join("/")}`;
    app.get(url === "/index.html" ? "/" : url, (_request, reply) => reply.type(type).send(body));
  }
}

async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)])),
  );
  return nested.flat();
}

const address = await app.listen({ host: "127.0.0.1", port: 0 });
console.log(`BARE_READY ${JSON.stringify({ url: address })}`);
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => app.close().then(() => process.exit(0)));
