// citeproc-js, the CSL reference implementation, rendering the same CSL-JSON with the same
// .csl and locale files as balint-bib. Reads one JSON job on stdin:
//   {"localesDir": "...", "items": [...], "jobs": [{"style": "path.csl", "locale": "en-US",
//    "format": "text"|"html", "mode": "bibliography"|"citation"}]}
// and writes [{"entries": [{"id": ..., "text": ...}]} | {"citation": "..."}] (one per job).
// With --bench N it only times the bibliography of the first job, N times over, and prints ms.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

function engine(job, localesDir, itemsById) {
  const sys = {
    retrieveLocale(lang) {
      const file = path.join(localesDir, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
    retrieveItem(id) {
      return itemsById.get(id);
    },
  };
  const style = fs.readFileSync(job.style, "utf8");
  const processor = new CSL.Engine(sys, style, job.locale || "en-US", true);
  processor.setOutputFormat(job.format || "text");
  return processor;
}

function strip(entry) {
  // citeproc-js wraps each HTML entry in <div class="csl-entry">…</div> and ends it with a newline.
  let text = entry.replace(/\n$/, "");
  const match = /^\s*<div class="csl-entry">([\s\S]*)<\/div>$/.exec(text);
  if (match) text = match[1].trim();
  return text;
}

function run(input) {
  const itemsById = new Map(input.items.map((item) => [item.id, item]));
  const ids = input.items.map((item) => item.id);
  return input.jobs.map((job) => {
    const processor = engine(job, input.localesDir, itemsById);
    processor.updateItems(ids);
    if (job.mode === "citation") {
      const citation = { citationItems: ids.map((id) => ({ id })), properties: { noteIndex: 0 } };
      const result = processor.processCitationCluster(citation, [], []);
      return { citation: result[1][0][1] };
    }
    const [params, strings] = processor.makeBibliography();
    // Entries that render as nothing are reported as errors and have no string.
    const omitted = new Set(params.bibliography_errors.map((error) => error.itemID));
    const kept = params.entry_ids.map((idList) => idList[0]).filter((id) => !omitted.has(id));
    return { entries: kept.map((id, index) => ({ id, text: strip(strings[index]) })) };
  });
}

function main() {
  const input = JSON.parse(fs.readFileSync(0, "utf8"));
  const bench = process.argv.indexOf("--bench");
  if (bench >= 0) {
    const job = input.jobs[0];
    const itemsById = new Map(input.items.map((item) => [item.id, item]));
    const start = process.hrtime.bigint();
    const processor = engine(job, input.localesDir, itemsById);
    processor.updateItems(input.items.map((item) => item.id));
    const [, strings] = processor.makeBibliography();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    process.stdout.write(JSON.stringify({ ms, entries: strings.length }) + "\n");
    return;
  }
  process.stdout.write(JSON.stringify(run(input)));
}

main();
