OPENQASM 2.0;
include "qelib1.inc";
// A chain of five Rydberg atoms driven together (rydberg_full: Rabi angle omega, no detuning,
// interaction strength v), atoms 0 and 1 measured. Without interaction each atom follows
// sin^2(omega/2); a strong v blocks neighbouring excitations and the oscillation flattens.
qreg q[5];
creg c[2];
rydberg_full(omega, 0, v) q[0], q[1], q[2], q[3], q[4];
measure q[0] -> c[0];
measure q[1] -> c[1];
