import type { Locator } from '@playwright/test';

export interface DroppedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** What the page's globals offer, typed here: the test project compiles without the DOM's types. */
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
}

/**
 * Drops files onto `target` as a person dragging them from their desktop does: dragenter,
 * dragover and drop events carrying a DataTransfer of real File objects.
 */
export async function dropFiles(target: Locator, files: DroppedFile[]): Promise<void> {
  const dataTransfer = await target.page().evaluateHandle(
    (list) => {
      const page = globalThis as unknown as PageGlobals;
      const transfer = new page.DataTransfer();
      for (const file of list) {
        transfer.items.add(new page.File([new Uint8Array(file.bytes)], file.name, { type: file.mimeType }));
      }
      return transfer;
    },
    files.map((file) => ({ name: file.name, mimeType: file.mimeType, bytes: [...file.buffer] })),
  );
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
  await dataTransfer.dispose();
}
