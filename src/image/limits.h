/*
 * The limits of image reading.  Images come from strangers, so every
 * count and size that grows with the input has a cap here, with the
 * reason for its value.  Going past a cap is an error for the part of the
 * image that holds it (a layer, the manifest), never a crash or an
 * unbounded allocation.
 */
#ifndef HULL_IMAGE_LIMITS_H
#define HULL_IMAGE_LIMITS_H

/* Manifests, indexes and configs are a few KiB; Docker's own limit on a
 * manifest is 4 MiB, and a config with a long history stays well under. */
#define IMAGE_MAX_JSON (8u * 1024 * 1024)

/* Docker refuses to build past 127 layers; leave room for other tools. */
#define IMAGE_MAX_LAYERS 512

/* Entries in one layer and in the whole image.  The largest distro images
 * hold a few hundred thousand files; the path index costs ~150 bytes an
 * entry, so the total keeps memory near 150 MiB in the worst case. */
#define IMAGE_MAX_LAYER_ENTRIES 1000000u
#define IMAGE_MAX_TOTAL_ENTRIES 1000000u

/* PATH_MAX on Linux; longer names cannot exist in a real root fs. */
#define IMAGE_MAX_PATH 4096

/* Decompressed bytes of one layer and of the whole image.  The largest
 * images in common use (CUDA, ML stacks) are ~20 GiB unpacked. */
#define IMAGE_MAX_LAYER_BYTES (64ull * 1024 * 1024 * 1024)
#define IMAGE_MAX_IMAGE_BYTES (256ull * 1024 * 1024 * 1024)

/* Decompressed / compressed.  Real layers compress 2-10x, text-only ones
 * up to ~30x; a deflate bomb reaches ~1000x.  The ratio is only checked
 * once a layer has inflated past IMAGE_RATIO_FLOOR, so small layers of
 * zeros do not trip it. */
#define IMAGE_MAX_RATIO 200u
#define IMAGE_RATIO_FLOOR (256ull * 1024 * 1024)

/* An outer archive (docker save, oci-archive) holds one member per blob
 * plus a few files; 100k members means it is not an image. */
#define IMAGE_MAX_ARCHIVE_MEMBERS 100000u

/* When several analyzers want one entry, its contents are buffered once
 * and replayed to each; beyond this the later readers see an error. */
#define IMAGE_SHARED_READ_MAX (32u * 1024 * 1024)

/* Account databases (etc/passwd, etc/shadow, etc/group) kept for the
 * rules; real ones are a few KiB. */
#define IMAGE_MAX_ACCOUNT_FILE (4u * 1024 * 1024)

/* Findings of one kind kept per image (world-writable files, setuid
 * files, escapes); the rest are counted in one summary finding. */
#define IMAGE_MAX_FINDINGS_PER_RULE 200u

/* Platforms listed in one multi-platform index. */
#define IMAGE_MAX_MANIFESTS 256

/* Registry: a token answer, and the redirects followed for a blob. */
#define REGISTRY_MAX_TOKEN (1u * 1024 * 1024)
#define REGISTRY_MAX_REDIRECTS 5

#endif
