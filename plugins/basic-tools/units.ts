/** Unit conversion for the convert_units tool: length, mass, volume, speed and temperature. */
const FACTORS: Record<string, Record<string, number>> = {
  length: { m: 1, km: 1000, cm: 0.01, mm: 0.001, mi: 1609.344, yd: 0.9144, ft: 0.3048, in: 0.0254 },
  mass: { kg: 1, g: 0.001, mg: 1e-6, t: 1000, lb: 0.45359237, oz: 0.028349523125 },
  volume: { l: 1, ml: 0.001, m3: 1000, gal: 3.785411784, qt: 0.946352946, cup: 0.2365882365 },
  speed: { 'm/s': 1, 'km/h': 1 / 3.6, mph: 0.44704, kn: 0.514444 },
};
const TEMPERATURE = ['c', 'f', 'k'];

export const UNITS = [...Object.values(FACTORS).flatMap((units) => Object.keys(units)), ...TEMPERATURE];

function toCelsius(value: number, unit: string): number {
  return unit === 'c' ? value : unit === 'f' ? (value - 32) * 5 / 9 : value - 273.15;
}

function fromCelsius(value: number, unit: string): number {
  return unit === 'c' ? value : unit === 'f' ? value * 9 / 5 + 32 : value + 273.15;
}

export function convert(value: number, from: string, to: string): number {
  const a = from.toLowerCase();
  const b = to.toLowerCase();
  if (TEMPERATURE.includes(a) && TEMPERATURE.includes(b)) return round(fromCelsius(toCelsius(value, a), b));
  for (const units of Object.values(FACTORS)) {
    if (a in units && b in units) return round(value * units[a]! / units[b]!);
  }
  throw new Error(`cannot convert ${from} to ${to}: both must be among ${UNITS.join(', ')} and measure the same thing`);
}

/** Twelve significant digits: hides binary floating-point noise (0.30000000000000004). */
function round(value: number): number {
  return Number(value.toPrecision(12));
}
