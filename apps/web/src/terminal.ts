import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

export interface Console {
  term: Terminal;
  /** Prints lines, turning \n into the CR LF a terminal needs. */
  println(text?: string): void;
  /** Guest output: raw bytes, UTF-8 and escape sequences as the guest sent them. Resolves once xterm has parsed them. */
  output(bytes: Uint8Array): Promise<void>;
  /** Keystrokes and pastes, as the bytes a terminal sends. */
  onInput(handler: (bytes: Uint8Array) => void): void;
}

/** An xterm.js terminal that fills its container and follows its size. */
export function openConsole(container: HTMLElement): Console {
  const term = new Terminal({
    cursorBlink: true,
    convertEol: false,
    scrollback: 5000,
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
  // Ctrl+C belongs to the guest; copy and paste get the shifted keys, as in Linux terminals.
  term.attachCustomKeyEventHandler((e) => {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    if (e.code === 'KeyC') {
      const sel = term.getSelection();
      if (sel) void navigator.clipboard?.writeText(sel).catch(() => undefined);
      return false;
    }
    // Browsers paste on Ctrl+Shift+V by themselves (plain text), and xterm takes the paste
    // event: only keep xterm from sending the key to the guest as well.
    if (e.code === 'KeyV') return false;
    return true;
  });
  term.focus();
  const enc = new TextEncoder();
  return {
    term,
    println: (text = '') => term.write(`${text.replace(/\n/g, '\r\n')}\r\n`),
    output: (bytes) => new Promise((resolve) => term.write(bytes, resolve)),
    onInput(handler) {
      term.onData((s) => handler(enc.encode(s)));
      // Binary data (some mouse reports) are byte strings.
      term.onBinary((s) => handler(Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff)));
    },
  };
}
