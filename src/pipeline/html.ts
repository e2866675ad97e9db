/** html stage: HTML → the plain text form (tables as `| a | b |` rows). STUB — replaced by the reader work (issue 2). */
export function htmlToText(html: string): string {
  return html;
}
