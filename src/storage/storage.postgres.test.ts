import { runStorageContract } from './storage.contract.ts';

runStorageContract('postgres');
