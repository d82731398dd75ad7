package io.callstream.launcher.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * The fields of prometheus-operator's ServiceMonitor and PrometheusRule (monitoring.coreos.com/v1) that deploy/ uses,
 * as records: read strictly, a misspelled or unsupported field fails the parse instead of being ignored by the operator.
 */
final class PrometheusOperatorModels {

    private PrometheusOperatorModels() {
    }

    record ServiceMonitor(String apiVersion, String kind, ObjectMeta metadata, ServiceMonitorSpec spec) {
    }

    record ServiceMonitorSpec(LabelSelector selector, List<Endpoint> endpoints) {
    }

    record Endpoint(String port, String path, String interval) {
    }

    record PrometheusRule(String apiVersion, String kind, ObjectMeta metadata, RuleSpec spec) {
    }

    record RuleSpec(List<RuleGroup> groups) {
    }

    record RuleGroup(String name, List<Rule> rules) {
    }

    record Rule(String alert, String expr, @JsonProperty("for") String forDuration, Map<String, String> labels,
            Map<String, String> annotations) {
    }
}
