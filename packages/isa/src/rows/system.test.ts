import { describe, expect, it } from 'vitest';
import { F } from '../table.ts';
import { system } from './system.ts';

// Privilege classes as the Principles of Operation lists them in each instruction's
// program exceptions ("Privileged operation" always, or only under a control).
const PRIVILEGED = `lpsw lpswe lpswey ssm stnsm stosm iske sske rrbe rrbm lctl lctlg stctl stctg lra lray lrag
  tprot ipte idte crdte csp cspg ptlb lptea pfmf irbm tpei sck sckc stckc spt stpt stidp stap stfl stsi
  sigp diag spx stpx schm ssch stsch msch tsch tpi csch hsch xsch rsch rchp sal stcrw stcps chsc siga
  servc lura lurag stura sturg sie esea tb pgin pgout sckpf lasp strag palb ptf rp trace tracg lpp lcctl
  lpctl qsi lsctl scctr spctr epctr pckmo lbear stbear pcistb sic clp pcistg pcilg rpcit mpcifc stpcifc`;
const SEMIPRIVILEGED = `spka ipk sac sacf iac ivsk ptff mvcos mvcp mvcs mvck mvcsk mvcdk pc pt pti bsa epar esar
  epair esair ssar ssair qctri ecctr ecpga`;
const PROBLEM_STATE = 'pr bsg bakr tar ereg eregg esta msta trap2 trap4';
// Instructions after which a translated block must end: they load a PSW or a part of it,
// change translation or the address space, or branch through the linkage stack.
const ENDS = `lpsw lpswe lpswey ssm stnsm stosm spka sac sacf lctl lctlg spx ptlb ipte idte csp cspg sie
  sigp diag pc pt pti pr bsg bsa bakr ssar ssair rp trap2 trap4 sck sckc spt`;

const list = (s: string) => s.trim().split(/\s+/);
const row = (mn: string) => {
  const r = system.find((x) => x.mn === mn);
  if (!r) throw new Error(`no system row ${mn}`);
  return r;
};

describe('system rows', () => {
  it('every row is in exactly one privilege class', () => {
    const all = [...list(PRIVILEGED), ...list(SEMIPRIVILEGED), ...list(PROBLEM_STATE)];
    expect(new Set(all).size).toBe(all.length);
    expect(system.map((r) => r.mn).sort()).toEqual([...all].sort());
  });

  it('privileged, semiprivileged and problem-state flags follow the PoP', () => {
    for (const mn of list(PRIVILEGED)) expect(row(mn).flags & (F.PRIV | F.SEMI), mn).toBe(F.PRIV);
    for (const mn of list(SEMIPRIVILEGED)) expect(row(mn).flags & (F.PRIV | F.SEMI), mn).toBe(F.SEMI);
    for (const mn of list(PROBLEM_STATE)) expect(row(mn).flags & (F.PRIV | F.SEMI), mn).toBe(0);
  });

  it('PSW, translation and linkage changers end a block; the PSW loaders and linkage ops branch', () => {
    for (const mn of list(ENDS)) expect(row(mn).flags & F.END, mn).toBe(F.END);
    for (const mn of ['lpsw', 'lpswe', 'lpswey', 'pc', 'pt', 'pti', 'pr', 'bsg', 'bsa', 'bakr', 'rp', 'trap2', 'trap4']) {
      expect(row(mn).flags & F.BRANCH, mn).toBe(F.BRANCH);
    }
  });

  it('storage-operand formats carry MEM', () => {
    for (const r of system) {
      if (['S', 'SI', 'SIY', 'SSE', 'SSF', 'SS-d', 'RS-a', 'RSY-a', 'RX-a', 'RXY-a'].includes(r.fmt)) {
        expect(r.flags & F.MEM, r.mn).toBe(F.MEM);
      }
    }
  });
});
