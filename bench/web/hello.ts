/** The baseline: a bare Fastify "hello" route in its own process, as the service runs. */
import Fastify from 'fastify';

const app = Fastify();
app.get('/hello', async () => 'hello');
const port = Number(process.argv[2] ?? 0);
const address = await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`listening ${address}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
