package dev.itsm.testing;

/** JMX view of the shared test broker: JVM-wide, so any class loader of a test can reach it. */
public interface KafkaBrokerControlMBean {

    void stop();

    void start();

    String getBootstrapServers();
}
