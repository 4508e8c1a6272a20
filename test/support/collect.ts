// Reads a stream to the end (a rejected read rejects the promise): what stream tests assert on.
export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}
