import { describe, expect, it } from 'vitest';
import { graphJsonSchema, graphJsonSchemaText } from './graph-json-schema.js';

describe('the graph JSON Schema', () => {
  it('matches the checked-in shared-core/schema/graph.schema.json', async () => {
    await expect(graphJsonSchemaText()).toMatchFileSnapshot(
      '../../schema/graph.schema.json',
      'graph.schema.json is stale: regenerate it with `npx tsx shared-core/scripts/write-graph-schema.ts`',
    );
  });

  it('describes the document fields and the node id rule', () => {
    const schema = graphJsonSchema() as {
      required: string[];
      properties: { nodes: { items: { properties: { id: { pattern: string } } } } };
    };
    expect(schema.required).toEqual(['format', 'version', 'name', 'nodes', 'edges']);
    expect(schema.properties.nodes.items.properties.id.pattern).toBe(
      '^[A-Za-z][A-Za-z0-9_-]{0,63}$',
    );
  });
});
