import useEmblaCarousel, { type UseEmblaCarouselType } from 'embla-carousel-react';
import ArrowLeft from 'lucide-react/icons/arrow-left';
import ArrowRight from 'lucide-react/icons/arrow-right';
import { createContext, forwardRef, useCallback, useContext, useEffect, useState, type HTMLAttributes } from 'react';
import { Button, type ButtonProps } from './button.js';
import { cn } from './utils.js';

export type CarouselApi = UseEmblaCarouselType[1];
type Options = Parameters<typeof useEmblaCarousel>[0];
type Plugins = Parameters<typeof useEmblaCarousel>[1];

interface CarouselProps {
  opts?: Options;
  plugins?: Plugins;
  orientation?: 'horizontal' | 'vertical';
  setApi?: (api: CarouselApi) => void;
}

interface CarouselState {
  carouselRef: UseEmblaCarouselType[0];
  api: CarouselApi;
  orientation: 'horizontal' | 'vertical';
  scrollPrev: () => void;
  scrollNext: () => void;
  canScrollPrev: boolean;
  canScrollNext: boolean;
}

const CarouselContext = createContext<CarouselState | null>(null);

export function useCarousel(): CarouselState {
  const ctx = useContext(CarouselContext);
  if (!ctx) throw new Error('useCarousel must be used within a <Carousel />');
  return ctx;
}

export const Carousel = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement> & CarouselProps>(function Carousel(
  { orientation = 'horizontal', opts, setApi, plugins, className, children, ...props },
  ref,
) {
  const [carouselRef, api] = useEmblaCarousel({ ...opts, axis: orientation === 'horizontal' ? 'x' : 'y' }, plugins);
  const [canScrollPrev, setCanScrollPrev] = useState(false);
  const [canScrollNext, setCanScrollNext] = useState(false);
  const onSelect = useCallback((a: CarouselApi) => {
    if (!a) return;
    setCanScrollPrev(a.canScrollPrev());
    setCanScrollNext(a.canScrollNext());
  }, []);
  const scrollPrev = useCallback(() => api?.scrollPrev(), [api]);
  const scrollNext = useCallback(() => api?.scrollNext(), [api]);
  useEffect(() => {
    if (api && setApi) setApi(api);
  }, [api, setApi]);
  useEffect(() => {
    if (!api) return;
    onSelect(api);
    api.on('reInit', onSelect);
    api.on('select', onSelect);
    return () => {
      api.off('select', onSelect);
    };
  }, [api, onSelect]);
  return (
    <CarouselContext.Provider value={{ carouselRef, api, orientation, scrollPrev, scrollNext, canScrollPrev, canScrollNext }}>
      <div
        ref={ref}
        onKeyDownCapture={(e) => {
          if (e.key === 'ArrowLeft') scrollPrev();
          else if (e.key === 'ArrowRight') scrollNext();
        }}
        className={cn('ui-carousel', className)}
        role="region"
        aria-roledescription="carousel"
        {...props}
      >
        {children}
      </div>
    </CarouselContext.Provider>
  );
});

export const CarouselContent = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(function CarouselContent({ className, ...props }, ref) {
  const { carouselRef, orientation } = useCarousel();
  return (
    <div ref={carouselRef} className="ui-carousel-viewport">
      <div ref={ref} className={cn('ui-carousel-content', `ui-carousel-content--${orientation}`, className)} {...props} />
    </div>
  );
});

export const CarouselItem = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(function CarouselItem({ className, ...props }, ref) {
  return <div ref={ref} role="group" aria-roledescription="slide" className={cn('ui-carousel-item', className)} {...props} />;
});

export const CarouselPrevious = forwardRef<HTMLButtonElement, ButtonProps>(function CarouselPrevious({ className, variant = 'outline', size = 'icon', ...props }, ref) {
  const { orientation, scrollPrev, canScrollPrev } = useCarousel();
  return (
    <Button ref={ref} variant={variant} size={size} className={cn('ui-carousel-prev', `ui-carousel-prev--${orientation}`, className)} disabled={!canScrollPrev} onClick={scrollPrev} aria-label="Previous slide" {...props}>
      <ArrowLeft size={16} />
    </Button>
  );
});

export const CarouselNext = forwardRef<HTMLButtonElement, ButtonProps>(function CarouselNext({ className, variant = 'outline', size = 'icon', ...props }, ref) {
  const { orientation, scrollNext, canScrollNext } = useCarousel();
  return (
    <Button ref={ref} variant={variant} size={size} className={cn('ui-carousel-next', `ui-carousel-next--${orientation}`, className)} disabled={!canScrollNext} onClick={scrollNext} aria-label="Next slide" {...props}>
      <ArrowRight size={16} />
    </Button>
  );
});
