// Regenerates schema/graph.schema.json from the zod schema: npx tsx shared-core/scripts/write-graph-schema.ts
import { writeFileSync } from 'node:fs';
import { graphJsonSchemaText } from '../src/graph/graph-json-schema.js';

const target = new URL('../schema/graph.schema.json', import.meta.url);
writeFileSync(target, graphJsonSchemaText());
console.log(`wrote ${target.pathname}`);
