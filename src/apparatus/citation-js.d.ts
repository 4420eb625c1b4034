/** Minimal types for citation-js (which ships none); only what the apparatus uses. */
declare module '@citation-js/core' {
  export interface CslName {
    family?: string;
    given?: string;
    literal?: string;
  }
  export interface CslItem {
    id: string;
    type: string;
    title?: string;
    author?: CslName[];
    issued?: { 'date-parts': number[][] };
    URL?: string;
    DOI?: string;
    [field: string]: unknown;
  }
  export class Cite {
    constructor(data?: unknown, options?: Record<string, unknown>);
    data: CslItem[];
    format(format: string, options?: Record<string, unknown>): unknown;
  }
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
