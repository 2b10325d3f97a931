package dev.itsm.catalog.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.product.Product;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "ProductRequest", description = "A product: services combined into something that can be offered")
public record ProductRequest(
        @Schema(example = "Lightsail") @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description,
        @Schema(description = "Ids of the services it combines (not RETIRED)") @Size(max = 200) List<@NotNull UUID> serviceIds) {

    public Product.Facts facts() {
        return new Product.Facts(name, description, serviceIds == null ? List.of() : serviceIds);
    }

    public static ProductRequest of(Product p) {
        return new ProductRequest(p.name(), p.description(), p.serviceIds());
    }
}
