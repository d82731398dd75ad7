/**
 * UserSig, the vendor's TLS-SigAPIv2 credential: {@link io.callstream.service.usersig.UserSig} issues one,
 * {@link io.callstream.service.usersig.UserSigVerifier} checks the one an admin REST call carries.
 *
 * <p>A UserSig is a JSON document, deflated with zlib, base64-encoded with the URL-safe substitutions
 * {@code + -> *}, {@code / -> -}, {@code = -> _}. The document carries the identifier, SDKAppID, issue time and
 * lifetime, and {@code TLS.sig}: an HMAC-SHA256, keyed with the app's secret key, over a canonical text of those
 * fields (see {@code SigContent}). The reference is the vendor's Node library {@code tls-sig-api-v2} 1.0.2; the
 * known-answer vectors in {@code src/test/resources/usersig/vectors.json} were made with it.
 */
package io.callstream.service.usersig;
