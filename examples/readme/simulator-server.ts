import { SimulatorServer } from '@coldatom/simulator';

const server = new SimulatorServer({ tokens: ['my-token'], port: 8000 }); // 127.0.0.1 by default
console.log(await server.listen()); // http://127.0.0.1:8000
// backendFor('http://127.0.0.1:8000/api/v3/singlequdit', { token: 'my-token' })
await server.close(); // every accepted job still finishes
