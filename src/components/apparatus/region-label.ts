/**
 * The accessible name of a scrolling or live region inside a numbered widget.
 * remark-apparatus passes each numbered widget its `figureName` ("Figure 3.4"), so
 * that two copies of the same widget on one page (two model inspectors on the print
 * page, say) still name their regions uniquely: "Layer table, Figure 3.4".
 */
export function regionLabel(label: string, figureName?: string): string {
  return figureName ? `${label}, ${figureName}` : label;
}
