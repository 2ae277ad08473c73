package io.tidemark.engine.catalog;

/**
 * Timestream's S3Configuration: where rejected magnetic-store writes would be reported. Kept and
 * returned as given; Tidemark writes no reports to S3.
 *
 * @param bucketName 3 … 63 characters, S3's bucket pattern; null when not given
 * @param objectKeyPrefix 1 … 928 characters; null when not given
 * @param encryptionOption SSE_S3 or SSE_KMS; null when not given
 * @param kmsKeyId 1 … 2048 characters; null when not given
 */
public record S3Location(String bucketName, String objectKeyPrefix, String encryptionOption, String kmsKeyId) {
}
