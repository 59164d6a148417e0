OPENQASM 2.0;
include "qelib1.inc";
// One-axis twisting of 40 atoms: rotate the collective spin to the equator, twist it with
// exp(-i chi Lz^2), rotate back; the twisting shows up as a spread in the measured atom number.
qreg q[1];
creg c[1];
load(40) q[0];
rlx(pi/2) q[0];
rlz2(chi) q[0];
rlx(pi/2) q[0];
measure q[0] -> c[0];
