/**
 * The board edition as one self-contained HTML document of fixed A4 landscape pages: each page
 * a block of the page's size with `break-after: page`, its own header (the handling marking,
 * once) and footer (force, period, "Page n of N"), so page numbers are known before printing
 * and the contents can list them. No scripts, no external requests; charts inline as SVG.
 */
import type { BoardModel, BoardPage } from '../../present/board-model.ts';
import { esc } from '../html.ts';
import { BOARD_CSS } from './styles.ts';
import {
  aboutBody,
  contentsBody,
  coverBody,
  exceptionsBody,
  projectionsBody,
  scorecardBody,
  sectionBody,
} from './pages.ts';

async function body(p: BoardPage, forceName: string): Promise<string> {
  switch (p.kind) {
    case 'cover':
      return coverBody(p, forceName);
    case 'contents':
      return contentsBody(p);
    case 'exceptions':
      return exceptionsBody(p);
    case 'scorecard':
      return scorecardBody(p);
    case 'projections':
      return projectionsBody(p);
    case 'section':
      return sectionBody(p);
    case 'about':
      return aboutBody(p);
  }
}

function runningHead(p: BoardPage): string {
  if (p.kind === 'section') return p.runningHead;
  return p.title ?? '';
}

/** Renders the board edition's view model. */
export async function renderBoard(model: BoardModel, forceName: string): Promise<string> {
  const total = model.pages.length;
  const pages: string[] = [];
  for (const p of model.pages) {
    pages.push(
      [
        `<section class="bp-page bp-page--${p.kind}" id="${esc(p.anchor)}" aria-label="Page ${p.number} of ${total}">`,
        `<header class="bp-page__head"><span class="bp-marking">${esc(model.marking)}</span><span class="bp-running">${esc(p.kind === 'cover' ? '' : runningHead(p))}</span></header>`,
        `<div class="bp-page__body">`,
        await body(p, forceName),
        '</div>',
        `<footer class="bp-page__foot"><span>${esc(model.footer)}</span><span>Page ${p.number} of ${total}</span></footer>`,
        '</section>',
      ].join('\n'),
    );
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Bluelamp">',
    `<meta name="bluelamp-marking" content="${esc(model.marking)}">`,
    `<meta name="bluelamp-edition" content="${esc(model.edition)}">`,
    `<meta name="bluelamp-generated-at" content="${esc(model.generatedAt)}">`,
    `<title>${esc(model.title)}</title>`,
    `<style>${BOARD_CSS}</style>`,
    '</head>',
    '<body class="bp">',
    '<main id="main-content">',
    ...pages,
    '</main>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((s) => s !== '')
    .join('\n')
    .concat('\n');
}
