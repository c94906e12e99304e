// Worker entry for `newsdesk extract --batch`: worker threads do not inherit the main thread's module hooks,
// so the TypeScript loader is registered here before the worker proper is imported.
import { register } from 'tsx/esm/api';

register();
await import('./extract.worker.ts');
