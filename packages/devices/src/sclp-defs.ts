// SCLP command words and response codes (values as QEMU's include/hw/s390x/sclp.h and
// Linux's drivers/s390/char/sclp.h define them).

export const SCCB_SIZE = 4096;

export const SCLP_CMD_CODE_MASK = 0xffff00ff;
export const SCLP_CMDW_READ_CPU_INFO = 0x00010001;
export const SCLP_CMDW_READ_SCP_INFO = 0x00020001;
export const SCLP_CMDW_READ_STORAGE_INFO = 0x00040001;
export const SCLP_CMDW_READ_SCP_INFO_FORCED = 0x00120001;
export const SCLP_CMDW_CONFIGURE_IOA = 0x001a0001;
export const SCLP_CMDW_DECONFIGURE_IOA = 0x001b0001;
export const SCLP_CMD_WRITE_EVENT_DATA = 0x00760005;
export const SCLP_CMD_READ_EVENT_DATA = 0x00770005;
export const SCLP_CMD_WRITE_EVENT_MASK = 0x00780005;

export const SCLP_RC_NORMAL_READ_COMPLETION = 0x0010;
export const SCLP_RC_NORMAL_COMPLETION = 0x0020;
export const SCLP_RC_SCCB_BOUNDARY_VIOLATION = 0x0100;
export const SCLP_RC_NO_ACTION_REQUIRED = 0x0120;
export const SCLP_RC_INVALID_SCLP_COMMAND = 0x01f0;
export const SCLP_RC_CONTAINED_EQUIPMENT_CHECK = 0x0340;
export const SCLP_RC_INSUFFICIENT_SCCB_LENGTH = 0x0300;
export const SCLP_RC_STANDBY_READ_COMPLETION = 0x0410;
export const SCLP_RC_ADAPTER_TYPE_NOT_RECOGNIZED = 0x06f0;
export const SCLP_RC_ADAPTER_ID_NOT_RECOGNIZED = 0x09f0;
export const SCLP_RC_INVALID_FUNCTION = 0x40f0;
export const SCLP_RC_NO_EVENT_BUFFERS_STORED = 0x60f0;
export const SCLP_RC_INVALID_SELECTION_MASK = 0x70f0;
export const SCLP_RC_INCONSISTENT_LENGTHS = 0x72f0;
export const SCLP_RC_EVENT_BUFFER_SYNTAX_ERROR = 0x73f0;
export const SCLP_RC_INVALID_MASK_LENGTH = 0x74f0;

/** READ SCP INFO "facilities" doubleword: CPU info and I/O-adapter reconfiguration. */
export const SCLP_HAS_CPU_INFO_HI = 0x0c000000;
export const SCLP_HAS_IOA_RECONFIG_LO = 0x40000000;
