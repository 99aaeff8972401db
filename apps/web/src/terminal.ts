import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

export interface Console {
  term: Terminal;
  /** Prints lines, turning \n into the CR LF a terminal needs. */
  println(text?: string): void;
}

/** An xterm.js terminal that fills its container and follows its size. */
export function openConsole(container: HTMLElement): Console {
  const term = new Terminal({
    cursorBlink: true,
    convertEol: false,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 15,
    theme: { background: '#0b0e14', foreground: '#c9d1d9', cursor: '#58a6ff' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(container);
  fit.fit();
  // Follows window resizes and layout changes alike.
  new ResizeObserver(() => fit.fit()).observe(container);
  term.focus();
  return {
    term,
    println: (text = '') => term.write(`${text.replace(/\n/g, '\r\n')}\r\n`),
  };
}
