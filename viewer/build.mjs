// Bundle the renderer (sigma.js and graphology from node_modules, installed by `npm ci` from
// package-lock.json) into one minified script that kg/view.py inlines into each page, headed by
// the name, version and licence text of every package in it.
// Usage: node build.mjs [OUTPUT]   (default ../kg/data/vendor/view.bundle.js)
import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const output = resolve(process.argv[2] || resolve(here, "../kg/data/vendor/view.bundle.js"));

const result = await build({
  entryPoints: [resolve(here, "entry.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  legalComments: "none",  // the licences go in the header below, whole
  metafile: true,
  write: false,
  logLevel: "warning",
});

function licence(pkgDir) {
  const meta = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const file = ["LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE"].map((f) => join(pkgDir, f)).find(existsSync);
  const text = file ? readFileSync(file, "utf8").trim() : `${meta.license} (no licence file in the package)`;
  return `${meta.name} ${meta.version} (${meta.license})\n\n${text.replaceAll("*/", "* /")}`;
}
const packages = [...new Set(Object.keys(result.metafile.inputs)
  .map((input) => input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//))
  .filter(Boolean).map((m) => m[1]))].sort();
const header = "/*! kg view renderer, bundled from the npm packages below by viewer/build.mjs.\n\n"
  + packages.map((p) => licence(join(here, "node_modules", p))).join("\n\n---\n\n") + "\n*/\n";

mkdirSync(dirname(output), { recursive: true });
const partial = `${output}.tmp-${process.pid}`;
writeFileSync(partial, header + result.outputFiles[0].text);
renameSync(partial, output);  // whole or not at all
console.log(`wrote ${output} (${packages.join(", ")})`);
