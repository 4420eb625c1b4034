/**
 * Every widget is built on the shell, `src/components/islands/Widget.astro`, the way
 * its doc comment prescribes: named slots are plain markup, and the default slot is
 * one function of the id base. (Given arguments, `Astro.slots.render` renders a slot
 * holding one lone `{expression}` as that expression alone, dropping the markup around
 * it; a function body never meets that case.) The shell's `name` must be in the registry.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@astrojs/compiler';
import { describe, expect, it } from 'vitest';
import { widgets } from '../../../src/components/islands/registry';

interface AstNode {
  type: string;
  name?: string;
  value?: string;
  attributes?: { name: string; value: string }[];
  children?: AstNode[];
}

const root = 'src/components';
const files = (readdirSync(root, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.astro') && !f.endsWith('Widget.astro'))
  .map((f) => join(root, f));

async function shells(file: string): Promise<AstNode[]> {
  const { ast } = await parse(readFileSync(file, 'utf8'));
  const found: AstNode[] = [];
  const walk = (n: AstNode): void => {
    if (n.type === 'component' && n.name === 'Widget') found.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(ast as AstNode);
  return found;
}

/** The source text of an expression node. */
const text = (n: AstNode): string => (n.children ?? []).map((c) => c.value ?? '').join('');

describe('widgets on the shell', () => {
  it.each(files)('%s', async (file) => {
    for (const shell of await shells(file)) {
      const name = shell.attributes?.find((a) => a.name === 'name')?.value;
      expect(Object.keys(widgets), `${file}: name="${name}" is in registry.ts`).toContain(name);
      const body = (shell.children ?? []).filter(
        (c) => !(c.type === 'text' && (c.value ?? '').trim() === '') && !c.attributes?.some((a) => a.name === 'slot'),
      );
      if (body.length === 0) continue;
      expect(
        body.map((c) => c.type),
        `${file}: the default slot is one expression`,
      ).toEqual(['expression']);
      expect(text(body[0] as AstNode).trim(), `${file}: the default slot is a function of the id base`).toMatch(
        /^\((id(: string)?)?\)\s*=>/,
      );
    }
  });

  it('covers the widgets that are on the shell', async () => {
    const users = [];
    for (const file of files) if ((await shells(file)).length > 0) users.push(file);
    expect(users).toContain(join(root, 'output-size/OutputSize.astro'));
  });
});
