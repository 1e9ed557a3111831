import { useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError, messageOf } from '../../api/errors';
import { Button } from '../../components/button';
import { FileDrop } from '../../components/file-drop';
import { IMAGE_ACCEPT, productWithImage, UploadRefusedError, uploadProductImage } from './image-upload';
import type { SellerProduct, SellerProductImage } from './seller-types';

const MAX_IMAGES = 10;

/** The upload's message for the file field: the API's (type, size, limit) or the store's. */
function uploadMessageOf(error: unknown, file: File): string {
  if (error instanceof ApiError) {
    const { content_type: type, size } = error.fieldErrors;
    return `${file.name}: ${type ? `its type ${type}` : size ? `its size ${size}` : error.message}`;
  }
  if (error instanceof UploadRefusedError) return `${file.name}: ${error.message}`;
  return `${file.name}: ${messageOf(error)}`;
}

function ImageItem({
  image,
  index,
  count,
  title,
  busy,
  onMove,
  onDelete,
}: {
  image: SellerProductImage;
  index: number;
  count: number;
  title: string;
  busy: boolean;
  onMove(index: number, delta: -1 | 1): void;
  onDelete(image: SellerProductImage, index: number): void;
}) {
  const position = `image ${index + 1} of ${count}`;
  const first = index === 0;
  const last = index === count - 1;
  return (
    <li className="seller-image">
      <img src={image.url} alt={`${title}, ${position}`} width={120} height={120} />
      <span className="seller-image-position">{index === 0 ? 'Main image' : `Image ${index + 1}`}</span>
      <div className="seller-image-actions">
        {/* aria-disabled, not disabled: the button keeps focus when its image reaches an end. */}
        <Button
          variant="secondary"
          aria-disabled={first || undefined}
          onClick={() => !busy && !first && onMove(index, -1)}
        >
          <span aria-hidden="true">↑ </span>Move <span className="visually-hidden">{position} </span>earlier
        </Button>
        <Button
          variant="secondary"
          aria-disabled={last || undefined}
          onClick={() => !busy && !last && onMove(index, 1)}
        >
          <span aria-hidden="true">↓ </span>Move <span className="visually-hidden">{position} </span>later
        </Button>
        <Button variant="danger" onClick={() => !busy && onDelete(image, index)}>
          Delete<span className="visually-hidden"> {position}</span>
        </Button>
      </div>
    </li>
  );
}

/**
 * The product's images: upload (drop or choose files), shown in their order, moved earlier or
 * later (the first is the main image), deleted. Each change is the API's answer, announced.
 */
export function SellerProductImages({
  product,
  onChange,
}: {
  product: SellerProduct;
  onChange(product: SellerProduct): void;
}) {
  const [uploading, setUploading] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const images = product.images;

  const upload = async (files: File[]) => {
    setUploadError(undefined);
    setUploading(files.map((file) => file.name));
    let latest = product;
    const problems: string[] = [];
    for (const file of files) {
      try {
        const imageId = await uploadProductImage(product.product_id, file);
        latest = await productWithImage(product.product_id, imageId);
        onChange(latest);
        setAnnouncement(`${file.name} added as image ${latest.images.length}.`);
      } catch (error) {
        problems.push(uploadMessageOf(error, file));
      }
      setUploading((names) => names.slice(1));
    }
    if (problems.length) setUploadError(problems.join(' '));
  };

  const act = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setActionError(undefined);
    try {
      await action();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  };

  const move = (index: number, delta: -1 | 1) =>
    act(async () => {
      const order = images.map((image) => image.image_id);
      const [moved] = order.splice(index, 1);
      order.splice(index + delta, 0, moved!);
      const answer = await unwrap(
        api.PUT('/api/v1/seller/products/{product_id}/images/order', {
          params: { path: { product_id: product.product_id } },
          body: { image_ids: order },
        }),
      );
      onChange({ ...product, images: answer.images });
      setAnnouncement(`Image moved to position ${index + delta + 1}.`);
    });

  const remove = (image: SellerProductImage, index: number) =>
    act(async () => {
      await unwrap(
        api.DELETE('/api/v1/seller/products/{product_id}/images/{image_id}', {
          params: { path: { product_id: product.product_id, image_id: image.image_id } },
        }),
      );
      onChange({ ...product, images: images.filter((kept) => kept.image_id !== image.image_id) });
      setAnnouncement(`Image ${index + 1} deleted.`);
      // Its buttons are gone with it: focus goes back to the top of the images.
      heading.current?.focus();
    });

  return (
    <section className="seller-panel" aria-labelledby="seller-images-heading">
      <h2 id="seller-images-heading" ref={heading} tabIndex={-1}>
        Images
      </h2>
      {images.length === 0 ? (
        <p>No images yet. The first image is the one shoppers see in lists.</p>
      ) : (
        <ol className="seller-images">
          {images.map((image, index) => (
            <ImageItem
              key={image.image_id}
              image={image}
              index={index}
              count={images.length}
              title={product.title}
              busy={busy || uploading.length > 0}
              onMove={move}
              onDelete={remove}
            />
          ))}
        </ol>
      )}
      {actionError ? (
        <p className="field-error" role="alert">
          {messageOf(actionError)}
        </p>
      ) : null}
      {uploading.length ? (
        <p className="seller-uploading" role="status">
          Uploading {uploading[0]}
          {uploading.length > 1 ? ` (${uploading.length - 1} more waiting)` : ''}…
        </p>
      ) : (
        <p className="visually-hidden" role="status">
          {announcement}
        </p>
      )}
      <FileDrop
        label="Add images"
        hint={`JPEG, PNG or WebP, up to 5 MB each; at most ${MAX_IMAGES} images.`}
        accept={IMAGE_ACCEPT}
        multiple
        disabled={uploading.length > 0 || images.length >= MAX_IMAGES}
        error={uploadError}
        onFiles={(files) => void upload(files)}
      />
    </section>
  );
}
