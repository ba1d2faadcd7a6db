import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const BUDGET_KB = 150;

/**
 * What the first load costs: every script, module preload and stylesheet `index.html`
 * references (lazy chunks excluded), gzipped at zlib's default level, as a server sends them.
 */
export async function measureBundle(webDist) {
  const html = await readFile(join(webDist, "index.html"), "utf8");
  const assets = new Set();
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const src = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    const initial = /^<script\b/.test(tag) || /\brel="(?:stylesheet|modulepreload)"/.test(tag);
    if (src && initial && /\.(?:m?js|css)(?:\?|$)/.test(src) && !/^https?:/.test(src)) assets.add(src);
  }
  let gzipBytes = 0;
  const files = [];
  for (const src of assets) {
    const body = await readFile(join(webDist, src.replace(/^\//, "")));
    const gz = gzipSync(body).length;
    gzipBytes += gz;
    files.push({ file: src, bytes: body.length, gzip: gz });
  }
  return {
    row: {
      name: "bundle: initial JS + CSS, gzip",
      unit: "KB",
      ours: gzipBytes / 1024,
      baseline: BUDGET_KB,
      baselineName: `budget ${BUDGET_KB} KB`,
      target: 1,
    },
    files,
  };
}
