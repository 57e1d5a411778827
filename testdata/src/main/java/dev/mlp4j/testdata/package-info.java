/**
 * The fixtures every module's tests share: small and corrupt IDX files, hand-written networks' verify dumps, old
 * model files, and the golden gradients and training runs that independent numpy scripts ({@code testdata/scripts/})
 * computed. {@link dev.mlp4j.testdata.Fixtures} finds them on the classpath, as files or copied out of this jar.
 */
package dev.mlp4j.testdata;
