import { getStack } from './stack-registry';

export default async function globalTeardown(): Promise<void> {
  await getStack()?.stop();
}
