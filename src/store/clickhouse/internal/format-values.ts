import { clickHouseTime } from './bind-params.js';

/** How row values are written in JSONEachRow inserts: modern servers take DateTime64 and Bool; old ones DateTime and UInt8. */
export interface ValueFormat {
  time(date: Date): string;
  flag(value: boolean): boolean | number;
}

export function valueFormat(legacyTypes: boolean): ValueFormat {
  if (!legacyTypes) return { time: clickHouseTime, flag: (v) => v };
  return { time: (d) => clickHouseTime(d).slice(0, 19), flag: (v) => (v ? 1 : 0) };
}
