package concurrencylab.notebook;

import concurrencylab.notebook.runtime.DisplayData;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Turns a cell's value into the representations the JJava kernel sends: always
 * {@code text/plain} ({@code String.valueOf}), and {@code image/png} (base64) with width and
 * height metadata when the value is a {@link RenderedImage}. Stateless and thread-safe.
 */
final class MimeRenderer {
    static final String TEXT_PLAIN = "text/plain";
    static final String IMAGE_PNG = "image/png";

    /** {@code value}'s representations; a {@link DisplayData} is already one and is returned as it is. */
    DisplayData render(Object value) {
        if (value instanceof DisplayData given) {
            return given;
        }
        DisplayData data = new DisplayData();
        data.put(TEXT_PLAIN, String.valueOf(value));
        if (value instanceof RenderedImage image) {
            data.put(IMAGE_PNG, Base64.getEncoder().encodeToString(png(image)));
            data.putMetadata(IMAGE_PNG, "width", image.getWidth());
            data.putMetadata(IMAGE_PNG, "height", image.getHeight());
        }
        return data;
    }

    static byte[] png(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalArgumentException("this image cannot be written as PNG: " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
