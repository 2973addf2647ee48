/// The built-in quickstart that `mimisim run` plays with no arguments: the text of
/// `Workloads/quickstart.yaml` on `Topologies/three-regions.yaml` (a test keeps them identical).
public enum BuiltInScenario {
    /// `Topologies/three-regions.yaml`.
    public static let topology = """
# Europe, North America and Asia-Pacific. One-way latencies are modelled on measured
# inter-region round trips between public cloud regions (Frankfurt, N. Virginia, Tokyo/Singapore):
# EU-US ~ 90 ms RTT, US-AP ~ 150 ms RTT, EU-AP ~ 230 ms RTT; p99 tails from the same measurements.
name: three-regions
regions: [eu, us, ap]
links:
  - { within: eu, latency: { lognormal: { median: 1ms, p99: 3ms } }, bandwidth: 10Gbps }
  - { within: us, latency: { lognormal: { median: 1ms, p99: 3ms } }, bandwidth: 10Gbps }
  - { within: ap, latency: { lognormal: { median: 1ms, p99: 3ms } }, bandwidth: 10Gbps }
  - { between: [eu, us], latency: { lognormal: { median: 45ms, p99: 60ms } }, jitter: 2ms, bandwidth: 1Gbps, loss: 0.01% }
  - { between: [us, ap], latency: { lognormal: { median: 75ms, p99: 95ms } }, jitter: 3ms, bandwidth: 1Gbps, loss: 0.02% }
  - { between: [eu, ap], latency: { lognormal: { median: 115ms, p99: 140ms } }, jitter: 4ms, bandwidth: 1Gbps, loss: 0.05% }
providers:
  - { domain: a.example, region: eu, cores: 8 }
  - { domain: b.example, region: us, cores: 8 }
  - { domain: c.example, region: ap, cores: 8 }
clients:
  default: { latency: 25ms, jitter: 5ms, bandwidth: 50Mbps, loss: 0.1%, cores: 2 }
  providers:
    c.example: { latency: 35ms, jitter: 10ms, bandwidth: 20Mbps }

"""

    /// `Workloads/quickstart.yaml`.
    public static let workload = """
# The built-in quickstart: one room of 50 users spread over three providers in three regions,
# 60 simulated seconds of chat with a little churn. Topology: three-regions.yaml.
name: quickstart
seed: 42
duration: 60s
ciphersuite: 1
crypto_time: calibrated
rooms:
  - { count: 1, hub: a.example, users: 50, spread: { a.example: 40%, b.example: 30%, c.example: 30% } }
traffic:
  messages: { rate: 2/s, per: room, arrival: poisson, size: { lognormal: { median: 120B, p99: 2KiB } } }
  updates:  { every: 20s, per: room }
  churn:    { add: 3/min, remove: 2/min, leave: 1/min, new_device: 1/min }
objectives: { commit.converge_ms.p99: 3000, message.deliver_ms.p99: 1000 }

"""
}
