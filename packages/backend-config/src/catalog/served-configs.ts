// Generated once from the served get_config bodies of the reference backends (protocol.md §5.1, §6);
// test/catalog.test.ts checks that each equals ../shared/vectors/configs/<name>.json key for key.
import type { BackendConfiguration } from '../config.js';
import type { ReferenceBackendName } from '../catalog-types.js';

/** The served configuration of each reference backend, exactly as django-qlued serves it. */
export const servedConfigs: Readonly<Record<ReferenceBackendName, BackendConfiguration>> = {
  singlequdit: {
    "description": "Setup of a cold atomic gas experiment with a single qudit.",
    "display_name": "singlequdit",
    "conditional": false,
    "coupling_map": "linear",
    "dynamic_reprate_enabled": false,
    "local": false,
    "memory": true,
    "open_pulse": false,
    "backend_version": "0.3",
    "n_qubits": 1,
    "backend_name": "alqor_singlequdit_simulator",
    "basis_gates": [
      "rlx",
      "rlz",
      "rlz2",
      "sq_full"
    ],
    "max_experiments": 1000,
    "max_shots": 1000000,
    "simulator": true,
    "gates": [
      {
        "coupling_map": [
          [
            0
          ]
        ],
        "description": "Evolution under Lx",
        "name": "rlx",
        "parameters": [
          "omega"
        ],
        "qasm_def": "gate lrx(omega) {}"
      },
      {
        "coupling_map": [
          [
            0
          ]
        ],
        "description": "Evolution under the Z gate",
        "name": "rlz",
        "parameters": [
          "delta"
        ],
        "qasm_def": "gate rlz(delta) {}"
      },
      {
        "coupling_map": [
          [
            0
          ]
        ],
        "description": "Evolution under lz2",
        "name": "rlz2",
        "parameters": [
          "chi"
        ],
        "qasm_def": "gate rlz2(chi) {}"
      },
      {
        "coupling_map": [
          [
            0
          ]
        ],
        "description": "Apply the full time evolution on the array.",
        "name": "sq_full",
        "parameters": [
          "omega, delta, chi"
        ],
        "qasm_def": "gate sq_full(omega, delta, chi) {}"
      }
    ],
    "supported_instructions": [
      "rlx",
      "rlz",
      "rlz2",
      "barrier",
      "measure",
      "load",
      "sq_full"
    ],
    "cold_atom_type": "spin",
    "wire_order": "interleaved",
    "num_species": 1,
    "url": "https://qlued.alqor.io/api/v2/alqor_singlequdit_simulator/"
  },
  multiqudit: {
    "description": "Setup of a cold atomic gas experiment with a multiple qudits.",
    "display_name": "multiqudit",
    "conditional": false,
    "coupling_map": "linear",
    "dynamic_reprate_enabled": false,
    "local": false,
    "memory": true,
    "open_pulse": false,
    "backend_version": "0.2",
    "n_qubits": 5,
    "backend_name": "alqor_multiqudit_simulator",
    "basis_gates": [
      "rlx",
      "rlz",
      "rlz2",
      "rlxly",
      "rlzlz",
      "multiqudit_full"
    ],
    "max_experiments": 1000,
    "max_shots": 1000000,
    "simulator": true,
    "gates": [
      {
        "coupling_map": [
          [
            0
          ],
          [
            1
          ],
          [
            2
          ],
          [
            3
          ],
          [
            4
          ]
        ],
        "description": "Evolution under Lx",
        "name": "rlx",
        "parameters": [
          "omega"
        ],
        "qasm_def": "gate lrx(omega) {}"
      },
      {
        "coupling_map": [
          [
            0
          ],
          [
            1
          ],
          [
            2
          ],
          [
            3
          ],
          [
            4
          ]
        ],
        "description": "Evolution under the Z gate",
        "name": "rlz",
        "parameters": [
          "delta"
        ],
        "qasm_def": "gate rlz(delta) {}"
      },
      {
        "coupling_map": [
          [
            0
          ],
          [
            1
          ],
          [
            2
          ],
          [
            3
          ],
          [
            4
          ]
        ],
        "description": "Evolution under lz2",
        "name": "rlz2",
        "parameters": [
          "chi"
        ],
        "qasm_def": "gate rlz2(chi) {}"
      },
      {
        "coupling_map": [
          [
            0,
            1
          ],
          [
            1,
            2
          ],
          [
            2,
            3
          ],
          [
            3,
            4
          ],
          [
            0,
            1,
            2,
            3,
            4
          ]
        ],
        "description": "Entanglement between neighboring gates with an xy interaction",
        "name": "rlxly",
        "parameters": [
          "J"
        ],
        "qasm_def": "gate rlylx(J) {}"
      },
      {
        "coupling_map": [
          [
            0,
            1
          ],
          [
            1,
            2
          ],
          [
            2,
            3
          ],
          [
            3,
            4
          ],
          [
            0,
            1,
            2,
            3,
            4
          ]
        ],
        "description": "Entanglement between neighboring gates with a zz interaction",
        "name": "rlzlz",
        "parameters": [
          "J"
        ],
        "qasm_def": "gate rlzlz(J) {}"
      },
      {
        "coupling_map": [
          [
            0
          ],
          [
            0,
            1
          ],
          [
            0,
            1,
            2
          ],
          [
            0,
            1,
            2,
            3
          ],
          [
            0,
            1,
            2,
            3,
            4
          ]
        ],
        "description": "Apply the Rydberg and Rabi coupling over the whole array.",
        "name": "multiqudit_full",
        "parameters": [
          "omega, delta, chi, Jxy, Jzz"
        ],
        "qasm_def": "gate multiqudit_full(omega, delta, chi, Jxy, Jzz) {}"
      }
    ],
    "supported_instructions": [
      "rlx",
      "rlz",
      "rlz2",
      "rlxly",
      "rlzlz",
      "barrier",
      "measure",
      "load",
      "multiqudit_full"
    ],
    "cold_atom_type": "spin",
    "wire_order": "interleaved",
    "num_species": 1,
    "url": "https://qlued.alqor.io/api/v2/alqor_multiqudit_simulator/"
  },
  fermions: {
    "description": "simulator of a fermionic tweezer hardware. The even wires denote the occupations of the spin-up fermions and the odd wires denote the spin-down fermions",
    "display_name": "fermions",
    "conditional": false,
    "coupling_map": "linear",
    "dynamic_reprate_enabled": false,
    "local": false,
    "memory": true,
    "open_pulse": false,
    "backend_version": "0.1",
    "n_qubits": 8,
    "backend_name": "alqor_fermions_simulator",
    "basis_gates": [
      "fhop",
      "fint",
      "fphase"
    ],
    "max_experiments": 1000,
    "max_shots": 1000000,
    "simulator": true,
    "gates": [
      {
        "coupling_map": [
          [
            0,
            1,
            2,
            3
          ],
          [
            2,
            3,
            4,
            5
          ],
          [
            4,
            5,
            6,
            7
          ],
          [
            0,
            1,
            2,
            3,
            4,
            5,
            6,
            7
          ]
        ],
        "description": "hopping of atoms to neighboring tweezers",
        "name": "fhop",
        "parameters": [
          "j_i"
        ],
        "qasm_def": "{}"
      },
      {
        "coupling_map": [
          [
            0,
            1,
            2,
            3,
            4,
            5,
            6,
            7
          ]
        ],
        "description": "on-site interaction of atoms of opposite spin state",
        "name": "fint",
        "parameters": [
          "u"
        ],
        "qasm_def": "{}"
      },
      {
        "coupling_map": [
          [
            0,
            1
          ],
          [
            2,
            3
          ],
          [
            4,
            5
          ],
          [
            6,
            7
          ],
          [
            0,
            1,
            2,
            3,
            4,
            5,
            6,
            7
          ]
        ],
        "description": "Applying a local phase to tweezers through an external potential",
        "name": "fphase",
        "parameters": [
          "mu_i"
        ],
        "qasm_def": "{}"
      }
    ],
    "supported_instructions": [
      "load",
      "barrier",
      "fhop",
      "fint",
      "fphase",
      "measure"
    ],
    "cold_atom_type": "fermion",
    "wire_order": "interleaved",
    "num_species": 2,
    "url": "https://qlued.alqor.io/api/v2/alqor_fermions_simulator/"
  },
  rydberg: {
    "description": "A chain of qubits realized through Rydberg atoms.",
    "display_name": "rydberg",
    "conditional": false,
    "coupling_map": "linear",
    "dynamic_reprate_enabled": false,
    "local": false,
    "memory": true,
    "open_pulse": false,
    "backend_version": "0.3",
    "n_qubits": 5,
    "backend_name": "alqor_rydberg_simulator",
    "basis_gates": [
      "rlx",
      "rlz",
      "rydberg_block",
      "rydberg_full"
    ],
    "max_experiments": 1000,
    "max_shots": 1000000,
    "simulator": true,
    "gates": [
      {
        "coupling_map": [
          [
            0
          ],
          [
            1
          ],
          [
            2
          ],
          [
            3
          ],
          [
            4
          ]
        ],
        "description": "Evolution under Rlx",
        "name": "rlx",
        "parameters": [
          "omega"
        ],
        "qasm_def": "gate rlx(omega) {}"
      },
      {
        "coupling_map": [
          [
            0
          ],
          [
            1
          ],
          [
            2
          ],
          [
            3
          ],
          [
            4
          ]
        ],
        "description": "Evolution under the Rlz gate",
        "name": "rlz",
        "parameters": [
          "delta"
        ],
        "qasm_def": "gate rlz(delta) {}"
      },
      {
        "coupling_map": [
          [
            0,
            1,
            2,
            3,
            4
          ]
        ],
        "description": "Apply the Rydberg blockade over the whole array",
        "name": "rydberg_block",
        "parameters": [
          "phi"
        ],
        "qasm_def": "gate rydberg_block(phi) {}"
      },
      {
        "coupling_map": [
          [
            0,
            1,
            2,
            3,
            4
          ]
        ],
        "description": "Apply the Rydberg and Rabi coupling over the whole array.",
        "name": "rydberg_full",
        "parameters": [
          "omega, delta, phi"
        ],
        "qasm_def": "gate rydberg_full(omega, delta, phi) {}"
      }
    ],
    "supported_instructions": [
      "rlx",
      "rlz",
      "rydberg_block",
      "rydberg_full",
      "barrier",
      "measure"
    ],
    "cold_atom_type": "spin",
    "wire_order": "interleaved",
    "num_species": 1,
    "url": "https://qlued.alqor.io/api/v2/alqor_rydberg_simulator/"
  },
  mot: {
    "description": "Setup of an atomic mot.",
    "display_name": "mot",
    "conditional": false,
    "coupling_map": "linear",
    "dynamic_reprate_enabled": false,
    "local": false,
    "memory": true,
    "open_pulse": false,
    "backend_version": "0.1",
    "n_qubits": 1,
    "backend_name": "alqor_mot_simulator",
    "basis_gates": [],
    "max_experiments": 1000,
    "max_shots": 1000000,
    "simulator": true,
    "gates": [],
    "supported_instructions": [
      "barrier",
      "measure",
      "load"
    ],
    "cold_atom_type": "spin",
    "wire_order": "interleaved",
    "num_species": 1,
    "url": "https://qlued.alqor.io/api/v2/alqor_mot_simulator/"
  },
};
