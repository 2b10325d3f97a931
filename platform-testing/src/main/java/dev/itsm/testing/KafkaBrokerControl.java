package dev.itsm.testing;

import dev.itsm.infra.KafkaBroker;

/** Registered in the platform MBean server by {@link TestInfrastructure}. */
public class KafkaBrokerControl implements KafkaBrokerControlMBean {

    private final KafkaBroker broker;

    KafkaBrokerControl(KafkaBroker broker) {
        this.broker = broker;
    }

    @Override
    public void stop() {
        broker.stop();
    }

    @Override
    public void start() {
        broker.start();
    }

    @Override
    public String getBootstrapServers() {
        return broker.bootstrapServers();
    }
}
