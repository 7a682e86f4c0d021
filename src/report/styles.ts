/**
 * The report's inline stylesheet, after GOV.UK Frontend (colours, type scale, tables, tags,
 * details, warning text, inset text) with a system sans-serif stack in place of GDS Transport,
 * and print rules for A4: each numbered section starts a page, figures and table rows do not
 * split, links and the skip link are plain.
 */
export const REPORT_CSS = `
:root {
  --text: #0b0c0c; --secondary: #505a5f; --link: #1d70b8; --border: #b1b4b6; --light: #f3f2f1;
  --focus: #ffdd00; --blue: #1d70b8; --green: #00703c; --red: #d4351c; --orange: #f47738;
  --yellow: #ffdd00; --purple: #4c2c92;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; background: #fff; }
body {
  margin: 0; color: var(--text); background: #fff;
  font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
  font-size: 16px; line-height: 1.4; font-variant-numeric: tabular-nums;
}
a.bl-link, .bl-contents a { color: var(--link); text-decoration: underline; text-underline-offset: 0.1em; }
a:focus { outline: 3px solid transparent; background: var(--focus); box-shadow: 0 -2px var(--focus), 0 4px var(--text); color: var(--text); text-decoration: none; }
.bl-skip-link { position: absolute; left: -9999px; top: 0; padding: 10px 15px; background: var(--focus); color: var(--text); font-weight: bold; }
.bl-skip-link:focus { left: 0; z-index: 10; }
.bl-visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important; }
.bl-marking { background: var(--text); color: #fff; font-weight: bold; letter-spacing: 0.08em; text-align: center; padding: 4px 0; margin: 0; font-size: 14px; }
.bl-width-container { max-width: 1000px; margin: 0 auto; padding: 0 24px 48px; }
.bl-banner--synthetic { border: 5px solid var(--orange); background: #fff4eb; padding: 15px 20px; margin: 20px 0; font-size: 19px; }
.bl-banner--synthetic strong { display: block; font-size: 24px; margin-bottom: 4px; }
.bl-cover { padding: 40px 0 20px; border-bottom: 10px solid var(--blue); margin-bottom: 30px; }
.bl-caption-xl { display: block; color: var(--secondary); font-size: 27px; margin: 0 0 5px; }
h1, h2, h3, h4, h5 { color: var(--text); font-weight: 700; margin-top: 0; }
.bl-heading-xl { font-size: 44px; line-height: 1.1; margin-bottom: 30px; }
.bl-heading-l { font-size: 32px; line-height: 1.15; margin: 45px 0 20px; padding-top: 10px; border-top: 4px solid var(--blue); }
.bl-heading--plain { border-top: none; padding-top: 0; margin-top: 0; }
.bl-heading-m2 { font-size: 26px; line-height: 1.2; margin: 35px 0 15px; }
.bl-heading-m { font-size: 21px; line-height: 1.25; margin: 0 0 12px; }
.bl-heading-s { font-size: 19px; margin: 20px 0 10px; }
.bl-body { margin: 0 0 15px; }
.bl-body-s { font-size: 14px; margin: 0 0 10px; color: var(--secondary); }
.bl-list { margin: 0 0 15px; padding-left: 20px; }
.bl-list li { margin-bottom: 5px; }
.bl-summary-list { margin: 0 0 20px; border-top: 1px solid var(--border); }
.bl-summary-list__row { display: flex; border-bottom: 1px solid var(--border); padding: 8px 0; }
.bl-summary-list__key { font-weight: bold; width: 35%; margin: 0; }
.bl-summary-list__value { margin: 0; }
.bl-contents ol { list-style: none; padding-left: 0; margin: 0 0 10px; }
.bl-contents ol ol { padding-left: 24px; margin-top: 4px; }
.bl-contents li { margin: 4px 0; }
.bl-table-wrap { overflow-x: auto; margin-bottom: 20px; }
.bl-table { width: 100%; border-collapse: collapse; border-spacing: 0; margin: 0 0 20px; font-size: 15px; }
.bl-table--compact { font-size: 13px; }
.bl-table--compact .bl-table__cell--numeric { white-space: nowrap; }
.bl-table__caption { text-align: left; font-weight: bold; margin-bottom: 8px; }
.bl-table__caption--s { font-size: 16px; }
.bl-table__caption--m { font-size: 19px; }
.bl-table__header, .bl-table__cell { padding: 8px 12px 8px 0; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
.bl-table__header { font-weight: bold; }
.bl-table__header--numeric, .bl-table__cell--numeric { text-align: right; }
.bl-table__header:last-child, .bl-table__cell:last-child { padding-right: 0; }
.bl-table--total-last tbody tr:last-child > * { font-weight: bold; border-top: 2px solid var(--text); }
.bl-table .bl-flag--above, .bl-table .bl-flag--below, .bl-table .bl-flag--signal { background: #e8e8e8; font-weight: bold; }
.bl-scorecard .bl-table__cell, .bl-scorecard .bl-table__header { font-size: 14px; }
.bl-table__header .bl-body-s { font-weight: normal; }
.bl-table__cell--missing { color: var(--secondary); }
.bl-table--params { width: auto; font-size: 14px; }
.bl-table--params .bl-table__header, .bl-table--params .bl-table__cell { padding: 4px 24px 4px 0; }
.bl-tag { display: inline-block; padding: 2px 8px; font-weight: bold; font-size: 14px; line-height: 1.3; border-radius: 0; white-space: nowrap; }
.bl-tag--green { color: #005a30; background: #cce2d8; }
.bl-tag--red { color: #942514; background: #f4d7d2; }
.bl-tag--yellow { color: #594d00; background: #fff7bf; }
.bl-tag--grey { color: #383f43; background: #eeefef; }
.bl-tag--blue { color: #0c2d4a; background: #bbd4ea; }
.bl-tag--orange { color: #6e3619; background: #fcd6c3; }
.bl-tag--purple { color: #3d2375; background: #dbd5e9; }
.bl-measure { border-top: 2px solid var(--border); padding-top: 20px; margin-top: 30px; }
.bl-measure--minor .bl-heading-m { font-size: 19px; }
.bl-meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 15px; margin: 0 0 15px; font-size: 14px; color: var(--secondary); }
.bl-meta__row { display: contents; }
.bl-meta__key { font-weight: bold; }
.bl-meta__value { margin: 0; }
.bl-headline { margin: 0 0 15px; }
.bl-headline__value { font-size: 48px; font-weight: bold; line-height: 1; margin-right: 12px; }
.bl-headline__detail { font-size: 16px; color: var(--secondary); }
.bl-gll { border-left: 10px solid var(--green); background: var(--light); padding: 12px 15px; margin: 0 0 20px; }
.bl-gll__title { font-weight: bold; margin: 0 0 4px; }
.bl-gll__text { margin: 0 0 4px; }
.bl-gll__status { margin: 8px 0 0; }
.bl-warning { display: flex; align-items: flex-start; gap: 12px; margin: 0 0 20px; }
.bl-warning__icon { flex: none; width: 32px; height: 32px; border-radius: 50%; background: var(--text); color: #fff; font-weight: bold; font-size: 24px; line-height: 32px; text-align: center; }
.bl-warning__text { padding-top: 4px; }
.bl-key-points { border-left: 5px solid var(--blue); padding: 4px 0 1px 15px; margin: 0 0 20px; }
.bl-key-points__title { font-weight: bold; margin: 0 0 6px; }
.bl-commentary { border: 2px solid var(--text); padding: 12px 15px; margin: 0 0 20px; }
.bl-commentary__title { font-weight: bold; margin: 0 0 8px; }
.bl-details { margin: 0 0 20px; }
.bl-details__summary { color: var(--link); cursor: pointer; display: inline-block; padding-left: 20px; position: relative; }
.bl-details__summary::before { content: ""; position: absolute; left: 0; top: 0.3em; border-style: solid; border-color: transparent; border-width: 7px 0 7px 12px; border-left-color: currentColor; }
.bl-details[open] > .bl-details__summary::before { border-width: 12px 7px 0 7px; border-color: currentColor transparent transparent; }
.bl-details__summary-text { text-decoration: underline; }
.bl-details__summary::-webkit-details-marker { display: none; }
.bl-details__text { border-left: 5px solid var(--border); padding: 12px 0 1px 15px; margin-top: 8px; }
.bl-inset { border-left: 10px solid var(--border); padding: 12px 15px; margin: 0 0 20px; }
.bl-figure { margin: 0 0 25px; padding: 0; }
.bl-figure__chart svg { display: block; max-width: 100%; height: auto; }
.bl-figure__caption { font-size: 15px; margin: 8px 0; color: var(--secondary); }
.bl-figure__title { font-weight: bold; color: var(--text); }
.bl-missing { list-style: none; margin: 20px 0; padding: 12px 15px; border-left: 10px solid var(--border); background: var(--light); }
.bl-missing__item { margin: 4px 0; }
.bl-no-value { font-weight: bold; }
.bl-appendix pre { white-space: pre-wrap; word-break: break-word; background: var(--light); padding: 10px; font-size: 13px; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; border-left: 5px solid var(--border); }
.bl-footer { border-top: 1px solid var(--border); margin-top: 40px; padding-top: 15px; font-size: 14px; color: var(--secondary); }
@media (max-width: 640px) {
  .bl-heading-xl { font-size: 32px; }
  .bl-headline__value { font-size: 36px; }
  .bl-meta { grid-template-columns: 1fr; }
}
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { font-size: 10.5pt; }
  .bl-skip-link { display: none; }
  .bl-width-container { max-width: none; padding: 0; }
  .bl-marking { background: none; color: var(--text); border: 2px solid var(--text); }
  .bl-section { break-before: page; }
  .bl-heading-l { margin-top: 0; }
  .bl-heading-m2, .bl-heading-m, .bl-heading-s { break-after: avoid; }
  .bl-figure, .bl-gll, .bl-key-points, .bl-commentary, .bl-warning, .bl-headline, .bl-meta { break-inside: avoid; }
  .bl-table__row { break-inside: avoid; }
  .bl-table { font-size: 9pt; }
  .bl-table--compact { font-size: 8pt; }
  .bl-tag { font-size: 8pt; white-space: normal; padding: 1px 4px; }
  .bl-scorecard .bl-table__cell, .bl-scorecard .bl-table__header { font-size: 8pt; padding-right: 6px; }
  .bl-scorecard .bl-body-s { font-size: 7.5pt; }
  .bl-table__header, .bl-table__cell { padding: 4px 8px 4px 0; }
  .bl-headline__value { font-size: 28pt; }
  .bl-heading-xl { font-size: 30pt; }
  .bl-heading-l { font-size: 20pt; }
  .bl-heading-m2 { font-size: 15pt; }
  .bl-heading-m { font-size: 13pt; }
  .bl-table-wrap { overflow: visible; }
  a.bl-link, .bl-contents a { color: var(--text); }
  .bl-details__summary::before { display: none; }
  .bl-details__summary { padding-left: 0; color: var(--text); font-weight: bold; }
  .bl-details__summary-text { text-decoration: none; }
  .bl-figure__caption { font-size: 9pt; }
  .bl-figure__data:not([open]) { display: none; }
  .bl-meta, .bl-body-s { font-size: 8.5pt; }
  .bl-headline__detail { font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
