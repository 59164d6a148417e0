export { ScanSpec, SweepAxis, CircuitSource } from './scan-spec.js';
