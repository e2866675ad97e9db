/**
 * The size limit on an input file, shared by the read stage (which never
 * loads a larger file) and the decode stage (which refuses larger bytes), in
 * a module of its own so the build's main thread, which reads, does not load
 * the decoder and its codec tables only for this number.
 */

/** Largest input accepted (5 MiB): a real report is well under 200 KB. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
