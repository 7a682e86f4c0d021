/**
 * The board edition's stylesheet: fixed A4 landscape pages (297 × 210 mm, no printer margins:
 * each page draws its own), sized type (10pt text, never under 7pt), GOV.UK colours. The same
 * pages show on screen as slides on a grey desk.
 */
export const BOARD_CSS = `
:root {
  --text: #0b0c0c; --secondary: #505a5f; --border: #b1b4b6; --light: #f3f2f1;
  --blue: #1d70b8; --green: #00703c; --red: #d4351c; --orange: #f47738; --dark-blue: #003078;
}
* { box-sizing: border-box; }
@page { size: A4 landscape; margin: 0; }
html, body { margin: 0; padding: 0; }
body.bp {
  color: var(--text); background: #dee0e2;
  font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
  font-size: 10pt; line-height: 1.3; font-variant-numeric: tabular-nums;
}
.bp-visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; white-space: nowrap !important; }
.bp-page {
  width: 297mm; height: 210mm; margin: 0 auto 8mm; padding: 7mm 12mm 6mm; background: #fff;
  overflow: hidden; break-after: page; break-inside: avoid; display: flex; flex-direction: column;
}
.bp-page:last-child { break-after: auto; }
@media print { body.bp { background: #fff; } .bp-page { margin: 0; } }
.bp-page__head { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1px solid var(--border); padding-bottom: 1.5mm; margin-bottom: 3mm; font-size: 8pt; color: var(--secondary); flex: none; }
.bp-marking { font-weight: bold; letter-spacing: 0.08em; color: var(--text); }
.bp-page__body { flex: 1 1 auto; min-height: 0; overflow: hidden; }
.bp-page__foot { display: flex; justify-content: space-between; border-top: 1px solid var(--border); padding-top: 1.5mm; margin-top: 2mm; font-size: 8pt; color: var(--secondary); flex: none; }
h1, h2, h3, h4 { margin: 0; font-weight: bold; break-after: avoid; }
.bp-h2 { font-size: 17pt; line-height: 1.15; margin: 0 0 2.5mm; }
.bp-h2--section { font-size: 11pt; color: var(--secondary); font-weight: normal; margin-bottom: 1mm; }
.bp-h3 { font-size: 12pt; margin: 0 0 2mm; }
.bp-h3--sub { font-size: 16pt; margin-bottom: 2mm; border-bottom: 3px solid var(--blue); padding-bottom: 1mm; }
.bp-h4 { font-size: 9.5pt; margin: 2mm 0 0.5mm; }
.bp-lead { font-size: 10pt; margin: 0 0 3mm; max-width: 240mm; }
.bp-text { margin: 0 0 2mm; }
.bp-small { font-size: 8pt; color: var(--secondary); margin: 1.5mm 0; }
.bp-label { font-size: 8pt; font-weight: bold; text-transform: uppercase; letter-spacing: 0.06em; color: var(--secondary); margin: 0 0 1mm; }
.bp-none { color: var(--secondary); }
.bp-num { text-align: right; white-space: nowrap; }
.bp-page-ref { font-weight: normal; color: var(--secondary); font-size: 7.5pt; white-space: nowrap; }
a { color: var(--text); text-decoration: none; }
/* cover */
.bp-cover { display: flex; flex-direction: column; justify-content: center; height: 100%; padding: 0 20mm; border-left: 12mm solid var(--blue); }
.bp-cover__force { font-size: 18pt; color: var(--secondary); margin: 0 0 3mm; }
.bp-cover__title { font-size: 34pt; line-height: 1.1; margin: 0 0 8mm; }
.bp-cover__synthetic { border: 3px solid var(--orange); background: #fff4eb; padding: 3mm 4mm; margin: 0 0 6mm; max-width: 200mm; }
.bp-cover__list { margin: 0; display: grid; grid-template-columns: 38mm 1fr; gap: 1.5mm 6mm; font-size: 12pt; }
.bp-cover__row { display: contents; }
.bp-cover__row dt { font-weight: bold; }
.bp-cover__row dd { margin: 0; }
/* contents */
.bp-contents { list-style: none; margin: 0; padding: 0; columns: 2; column-gap: 14mm; font-size: 10.5pt; }
.bp-contents__item { break-inside: avoid; }
.bp-contents__item a { display: flex; gap: 3mm; padding: 0.8mm 0; border-bottom: 1px dotted var(--border); }
.bp-contents__item--1 { font-weight: bold; margin-top: 2mm; }
.bp-contents__item--2 a { padding-left: 6mm; }
.bp-contents__title { flex: 1; }
.bp-contents__page { min-width: 8mm; text-align: right; }
/* layout */
.bp-split { display: grid; grid-template-columns: 1.3fr 1fr; gap: 7mm; }
.bp-split--wide { grid-template-columns: 2.4fr 1fr; }
.bp-split__main, .bp-split__side { min-width: 0; min-height: 0; }
.bp-columns { columns: 2; column-gap: 8mm; }
.bp-columns > * { break-inside: avoid; }
.bp-box { border-left: 6px solid var(--blue); background: var(--light); padding: 3mm 4mm; margin: 0 0 3mm; }
.bp-box--quiet { border-left-color: var(--border); color: var(--secondary); }
/* tables */
.bp-table { border-collapse: collapse; width: 100%; font-size: 8pt; line-height: 1.2; }
.bp-table th, .bp-table td { text-align: left; vertical-align: top; padding: 1mm 2mm 1mm 0; border-bottom: 1px solid var(--border); }
.bp-table thead th { font-size: 7.5pt; color: var(--secondary); border-bottom: 2px solid var(--text); vertical-align: bottom; }
.bp-table tbody th { font-weight: bold; }
.bp-table .bp-num { text-align: right; }
.bp-caption { text-align: left; font-weight: bold; font-size: 9pt; margin-bottom: 1mm; }
.bp-sc, .bp-exc { table-layout: fixed; }
.bp-sc td, .bp-sc th { padding-top: 0.6mm; padding-bottom: 0.6mm; }
.bp-sc__c-title { width: 22%; } .bp-sc__c-value { width: 6%; } .bp-sc__c-ly { width: 7.5%; }
.bp-sc__c-change { width: 10%; } .bp-sc__c-target { width: 23%; } .bp-sc__c-status { width: 7%; }
.bp-sc__c-variation { width: 10.5%; } .bp-sc__c-assurance { width: 8%; } .bp-sc__c-spark { width: 6%; }
.bp-sc--compact .bp-sc__c-title { width: 36%; } .bp-sc--compact .bp-sc__c-value { width: 10%; }
.bp-sc--compact .bp-sc__c-ly { width: 10%; } .bp-sc--compact .bp-sc__c-change { width: 13%; }
.bp-sc--compact .bp-sc__c-status { width: 13%; } .bp-sc--compact .bp-sc__c-variation { width: 18%; }
.bp-sc__target { font-size: 7pt; color: var(--secondary); }
.bp-sc .bp-tag { white-space: nowrap; }
.bp-sc--compact .bp-tag { white-space: normal; }
.bp-marks { font-weight: normal; font-size: 7pt; color: var(--secondary); }
.bp-row--missing th, .bp-row--missing td { color: var(--secondary); }
.bp-row--flag th, .bp-row--flag td { background: #fcd6c3; }
.bp-sig { font-weight: bold; }
.bp-spark { display: block; }
.bp-exc { font-size: 8pt; }
.bp-exc__c1 { width: 15%; } .bp-exc__c2 { width: 30%; }
.bp-exc .bp-tag { white-space: normal; }
.bp-proj { font-size: 8.5pt; }
.bp-plan { font-size: 8pt; table-layout: fixed; }
.bp-plan th:first-child { width: 40%; } .bp-plan th:nth-child(2), .bp-plan th:nth-child(3) { width: 12%; }
.bp-plan th:nth-child(4) { width: 16%; }
.bp-split--table { grid-template-columns: 1.5fr 1fr; }
.bp-result-table .bl-table { border-collapse: collapse; width: 100%; font-size: 8pt; }
.bp-result-table .bl-table__caption { text-align: left; font-weight: bold; font-size: 9pt; margin-bottom: 1mm; }
.bp-result-table .bl-table__header, .bp-result-table .bl-table__cell { text-align: left; vertical-align: top; padding: 1mm 2mm 1mm 0; border-bottom: 1px solid var(--border); }
.bp-result-table .bl-table__header--numeric, .bp-result-table .bl-table__cell--numeric { text-align: right; }
/* tags */
.bp-tag { display: inline-block; padding: 0.2mm 1.2mm; font-weight: bold; font-size: 7pt; line-height: 1.25; white-space: nowrap; }
.bp-tag--green { color: #005a30; background: #cce2d8; }
.bp-tag--red { color: #942514; background: #f4d7d2; }
.bp-tag--yellow { color: #594d00; background: #fff7bf; }
.bp-tag--grey { color: #383f43; background: #eeefef; }
.bp-tag--blue { color: #0c2d4a; background: #bbd4ea; }
.bp-tag--orange { color: #6e3619; background: #fcd6c3; }
.bp-tag--purple { color: #3d2375; background: #dbd5e9; }
/* section pages */
.bp-figures { display: flex; flex-direction: column; gap: 2mm; }
.bp-figure { margin: 0; min-height: 0; }
.bp-figure__chart svg { display: block; width: 100%; height: auto; }
.bp-figures--1 .bp-figure__chart svg { max-height: 118mm; }
.bp-figures--2 .bp-figure__chart svg { max-height: 62mm; }
.bp-figures--side .bp-figure__chart svg { max-height: 58mm; }
.bp-figure__caption { font-size: 7.5pt; color: var(--secondary); margin: 0.5mm 0 0; }
.bp-attention { margin: 2mm 0; }
.bp-attention ul { margin: 0; padding-left: 4mm; font-size: 8.5pt; }
.bp-attention li { margin-bottom: 0.8mm; }
.bp-notes { border-left: 4px solid var(--text); padding: 1mm 0 0.5mm 3mm; margin: 3mm 0; font-size: 9pt; }
.bp-quotes { margin: 3mm 0; }
.bp-quote { margin: 0 0 2mm; padding: 2mm 3mm; background: var(--light); border-left: 4px solid var(--blue); font-size: 9pt; font-style: italic; }
.bp-quote p { margin: 0; }
.bp-quote footer { font-style: normal; font-size: 7.5pt; color: var(--secondary); margin-top: 0.5mm; }
.bp-empty { border-left: 6px solid var(--border); padding: 2mm 3mm; background: var(--light); }
.bp-block { margin-bottom: 2mm; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
`;
