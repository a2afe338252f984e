/** The kernel's version, in its own module so syscall files can import it without a cycle. */
export const KERNEL_VERSION = '0.1.0';
