import { createApp } from './bootstrap';
import { loadConfig } from './config/config';

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port);
  console.log(`医保经办服务采购与履约考核系统 listening on http://localhost:${config.port} (database: ${config.dbKind})`);
}

void main();
