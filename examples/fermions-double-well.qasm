OPENQASM 2.0;
include "qelib1.inc";
// Two fermions (spin up on wire 0, spin down on wire 1) in the left well of a double well
// (tweezers 0 and 1 = wires 0-3, interleaved); fhop moves both spin states to the right well.
qreg q[4];
creg c[4];
load q[0];
load q[1];
fhop(theta) q[0], q[1], q[2], q[3];
measure q[0] -> c[0];
measure q[1] -> c[1];
measure q[2] -> c[2];
measure q[3] -> c[3];
