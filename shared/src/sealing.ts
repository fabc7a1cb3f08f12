/** Client-only: functions that open sealed data. The relay must never import this module. */
export {};
