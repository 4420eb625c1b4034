/** The inspector's ready examples: the book's example models in content/models/. */
import index from '../../../content/models/examples.json';

const files = import.meta.glob<string>('../../../content/models/*.{txt,py}', { query: '?raw', import: 'default', eager: true });

export interface Example {
  id: string;
  title: string;
  input: string;
  description: string;
  source: string;
}

export const examples: Example[] = index.map((e) => {
  const source = files[`../../../content/models/${e.file}`];
  if (source === undefined) throw new Error(`content/models/examples.json names ${e.file}, which is not in content/models/`);
  return { id: e.id, title: e.title, input: e.input, description: e.description, source };
});

export const defaultExample: Example = examples.find((e) => e.id === 'mnist-cnn') ?? (examples[0] as Example);
