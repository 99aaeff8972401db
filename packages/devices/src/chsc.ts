// CHANNEL SUBSYSTEM CALL, answering what QEMU's ioinst.c answers: store channel-path
// description (0x0002), store channel-subsystem characteristics (0x0010), store event
// information (0x000e, never any event), set domain attributes (0x0031: enable MSS /
// MCSS-E); every other command (store subchannel description 0x0004 included) gets
// response code 0x0004 "command not supported".
//
// Request block at a 4 KiB boundary: length u16, command u16, parameters; the response
// block follows it at block + length: length u16, response code u16, parameter u32, data.

import { PGM_ADDRESSING, PGM_OPERAND, PGM_SPECIFICATION, VIRTUAL_CSSID, MAX_SSID, type ChannelSubsystem } from './css.ts';
import type { GuestRam } from './guest-ram.ts';

export const CHSC_SCPD = 0x0002;
export const CHSC_SSD = 0x0004;
export const CHSC_SEI = 0x000e;
export const CHSC_SCSC = 0x0010;
export const CHSC_SDA = 0x0031;

/** The channel-path type of the virtio-ccw path (QEMU's VIRTIO_CCW_CHPID_TYPE). */
export const VIRTIO_CHPID_TYPE = 0x32;

const RESP_OK = 0x0001;
const RESP_INVALID_REQUEST = 0x0003;
const RESP_NOT_SUPPORTED = 0x0004;
const RESP_NO_EVENT = 0x0005;
const RESP_INVALID_FORMAT = 0x0007;
const RESP_INVALID_CSSID = 0x0008;

export function chsc(ram: GuestRam, css: ChannelSubsystem, block: number): number {
  if (block % 4096 !== 0) return -PGM_SPECIFICATION;
  if (!ram.ok(block, 4096)) return -PGM_ADDRESSING;
  const len = ram.r16(block);
  if (len < 16 || len > 4088 || (len & 7) !== 0) return -PGM_OPERAND;
  const cmd = ram.r16(block + 2);
  const p0 = ram.r32(block + 4);
  const p1 = ram.r32(block + 8);
  const p2 = ram.r32(block + 12);
  const res = block + len;
  // The response is built in a zeroed page and only its `length` bytes are stored.
  const out = new Uint8Array(4096 - len);
  const od = new DataView(out.buffer);
  let code = RESP_NOT_SUPPORTED;
  let rlen = 8;
  let param = 0;

  switch (cmd) {
    case CHSC_SCSC: {
      const cssid = (p0 >>> 8) & 0xff;
      if (len !== 0x10) code = RESP_INVALID_REQUEST;
      else if (p0 & 0x000f0000) code = RESP_INVALID_FORMAT;
      else if (cssid !== 0 && (!(p0 & 0x20000000) || cssid !== VIRTUAL_CSSID)) code = RESP_INVALID_CSSID;
      else if ((p0 & 0xdff000ff) || p1 || p2) code = RESP_INVALID_REQUEST;
      else {
        code = RESP_OK;
        rlen = 4080;
        // General characteristics (510 words) then CHSC characteristics (508 words).
        od.setUint32(8, 0x03000000);
        od.setUint32(8 + 4, 0x00079000);
        od.setUint32(8 + 12, 0x00080000);
        const c = 8 + 510 * 4;
        od.setUint32(c, 0x40000000);
        od.setUint32(c + 12, 0x00040000);
      }
      break;
    }
    case CHSC_SCPD: {
      let rfmt = (p0 >>> 8) & 0xf;
      if (rfmt === 0 || rfmt === 1) rfmt = (p0 & 0x10000000) ? 1 : 0;
      param = rfmt;
      const cssid = (p0 >>> 16) & 0xff;
      const m = (p0 & 0x20000000) !== 0;
      const f = p0 & 0xff;
      const l = p1 & 0xff;
      if (len !== 0x10 || (p0 & 0xc000f000) || (p1 & 0xffffff00) || p2) code = RESP_INVALID_REQUEST;
      else if (p0 & 0x0f000000) code = RESP_INVALID_FORMAT;
      else if (cssid !== 0 && (!m || cssid !== VIRTUAL_CSSID)) code = RESP_INVALID_CSSID;
      else if (l < f) code = RESP_INVALID_REQUEST;
      else {
        code = RESP_OK;
        let o = 8;
        // Only chpid 0 (virtio) is in use, and only once a device exists.
        if (f === 0 && css.subchannels.length > 0 && (rfmt === 0 || rfmt === 1)) {
          od.setUint32(o, (0x80000000 | (VIRTIO_CHPID_TYPE << 8) | 0) >>> 0);
          o += rfmt === 0 ? 8 : 32;
        }
        rlen = o;
      }
      break;
    }
    case CHSC_SDA: {
      if (len !== 0x0400 || (p0 & 0xf0ff0000)) code = RESP_INVALID_REQUEST;
      else if (p0 & 0x0f000000) code = RESP_INVALID_FORMAT;
      else {
        const oc = p0 & 0xffff;
        if (oc === 0) { css.maxCssid = 0xff; code = RESP_OK; } // MCSS-E
        else if (oc === 2) { css.maxSsid = MAX_SSID; code = RESP_OK; } // MSS
        else code = RESP_INVALID_REQUEST;
      }
      break;
    }
    case CHSC_SEI:
      // No channel-subsystem events are ever generated here.
      code = RESP_NO_EVENT;
      break;
    default:
      break;
  }
  od.setUint16(0, rlen);
  od.setUint16(2, code);
  od.setUint32(4, param);
  ram.write(res, out, 0, rlen);
  return 0;
}
