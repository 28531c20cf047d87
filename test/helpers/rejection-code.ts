/** The `code` a promise rejects with (an AigogoError's), or undefined when it resolves. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
  } catch (error) {
    return (error as {code?: string}).code
  }
  return undefined
}
