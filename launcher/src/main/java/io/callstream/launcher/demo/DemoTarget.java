package io.callstream.launcher.demo;

import java.net.URI;

/**
 * Where and as whom {@link DemoTraffic} sends.
 *
 * @param callbackUrl     the gateway's callback URL, with its token as the last segment when it requires one, without a
 *                        query; the sender appends
 *                        {@code ?sdkappid=..&command=..&contenttype=json&clientip=..&optplatform=..}
 * @param sdkAppId        the app the gateway accepts
 * @param adminIdentifier the app's admin, for anything that also queries (UserSig identifier), or null when this
 *                        process does not run the query API
 * @param secretKey       the app's secret key, for UserSigs
 * @param queryApi        the Streams app's query API base URL, or null when this process does not run it
 */
public record DemoTarget(URI callbackUrl, long sdkAppId, String adminIdentifier, String secretKey, URI queryApi) {

    @Override
    public String toString() {
        return "DemoTarget[" + callbackUrl + ", sdkAppId=" + sdkAppId + "]";
    }
}
